"""Every rule a case must follow, and how a broken one is told to the editor."""
