"""Files published beside the pages: open data, feeds, the offline zip, and the swap of a finished build."""
