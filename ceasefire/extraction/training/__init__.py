"""Training code for the extraction models, beside the stages they serve (``make train``)."""
