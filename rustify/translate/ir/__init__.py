"""The translator's typed IR: data only (types, nodes, a printer, a checker)."""
