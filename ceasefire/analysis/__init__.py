"""Reading the store: ceasefire status, the shareable brief, and exports."""
