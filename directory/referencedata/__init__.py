"""Reference data shipped with InScope and loaded by `manage.py load_reference_data`."""
