from __future__ import annotations

import pytest

from tests.factories import World
from tests.notifications.cast import Cast, build_cast


@pytest.fixture
def cast(world: World) -> Cast:
    return build_cast(world)
