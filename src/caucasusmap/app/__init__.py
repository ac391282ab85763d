"""The Qt desktop app: thin views over the core's shared selection state.

Everything that imports Qt lives in this package and nowhere else.
"""
