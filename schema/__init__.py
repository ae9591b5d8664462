"""The graph: Strawberry types, interfaces, inputs and the schema builder (``schema.build``)."""
