"""One language's whole site for any renderer: the generated pages, navigation, settings, assets and search
documents (`language.py`), the site configuration file read and written (`settings.py`), and the whole atlas
as a plain docs tree that a stock renderer builds without the kb plugin (`export.py`, `kb export`)."""
