"""Start the Plotter kernel: ``python -m plotter_kernel -f {connection_file}``."""

from .app import PlotterKernelApp
from .kernel import PlotterKernel

PlotterKernelApp.launch_instance(kernel_class=PlotterKernel)
