"""The admin's settings for every student's server: ``scripts/hub.sh`` installs this file as
``{hub env}/etc/jupyter/jupyter_server_config.py``, as a Dockerfile would for an image.

The limits are lower than Plotter's defaults, as a teacher might set them for a class; the
hub test checks that they reach the students' kernels.
"""

c = get_config()  # noqa: F821 - Jupyter provides get_config

c.PlotterExtension.display_name = "Graphing Calculator"

c.PlotterConfig.default_x_window = [-5, 5]
c.PlotterConfig.seconds_per_cell = 5.0
c.PlotterConfig.max_samples = 5000
c.PlotterConfig.max_factorial = 20
c.PlotterConfig.max_cell_chars = 2000
