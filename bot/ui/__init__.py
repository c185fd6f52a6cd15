"""What people see: callback data, keyboards, texts and pictures. Pure functions."""
