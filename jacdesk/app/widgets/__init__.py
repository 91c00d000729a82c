"""The window's widgets: input editors, result views and lesson panels (one widget per module)."""
