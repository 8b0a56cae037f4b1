"""claimx's spaCy components, one module a stage."""
