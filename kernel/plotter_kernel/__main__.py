"""Start the Plotter kernel: ``python -P -m plotter_kernel -f {connection_file}``."""

from .shell.safepath import drop_start_folder

drop_start_folder()

from .shell.app import PlotterKernelApp  # noqa: E402 - only once the notebook's folder is off sys.path
from .shell.kernel import PlotterKernel  # noqa: E402

PlotterKernelApp.launch_instance(kernel_class=PlotterKernel)
