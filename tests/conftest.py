"""Hypothesis profiles: ``ci`` (the default) is derandomized so a run is reproducible.

Choose another registered profile with the environment variable ``HYPOTHESIS_PROFILE``.
"""

import os

from hypothesis import settings

settings.register_profile("ci", derandomize=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
