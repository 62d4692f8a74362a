"""Start the Plotter kernel: ``python -m plotter_kernel -f {connection_file}``."""

from ipykernel.kernelapp import IPKernelApp

from .kernel import PlotterKernel

IPKernelApp.launch_instance(kernel_class=PlotterKernel)
