"""Every model, imported once, so metadata is whole (migrations, drift checks, registries).

Core packages are listed; feature modules are found by walking `cardfile.modules`, so adding
a module never means editing the core.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

CORE_MODELS = (
    "cardfile.auth.models",
    "cardfile.tenancy.models",
    "cardfile.access.models",
    "cardfile.jobs.models",
    "cardfile.api.idempotency",
)


def module_names() -> list[str]:
    """The feature modules: the packages under cardfile/modules/."""
    import cardfile.modules

    return sorted(
        f"cardfile.modules.{info.name}"
        for info in pkgutil.iter_modules(cardfile.modules.__path__)
        if info.ispkg
    )


@cache
def load_all_models() -> None:
    for name in CORE_MODELS:
        importlib.import_module(name)
    for package in module_names():
        try:
            importlib.import_module(f"{package}.models")
        except ModuleNotFoundError as error:
            if error.name != f"{package}.models":
                raise
