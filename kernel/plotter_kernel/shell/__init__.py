"""The protocol shell: Jupyter messages in and out, configuration and the kernelspec.

Imports nothing itself, so ``plotter_kernel.shell.config`` stays light for the server.
"""
