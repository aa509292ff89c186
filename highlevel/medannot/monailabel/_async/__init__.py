"""The MONAI Label facade, written once as async; `_sync/` holds its generated twin."""
