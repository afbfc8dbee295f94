"""What every screen of the app shares: typed access to the app, and one error path.

Textual gives a screen `self.app` typed as any App; these bases give the
pipeline app and its services typed, so no screen needs `# type: ignore` or
duck typing to reach them. A worker that fails reports to the app's one
handler (`PipelineApp.report_failure`): a notice in the user's language, home
when the data is gone, a clean exit on a damaged file; never a traceback.
Workers are declared with `exit_on_error=False` so that this is the only path.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar, cast

from textual.screen import ModalScreen, Screen
from textual.worker import Worker, WorkerState

from pipeline_tui.tui.i18n import SpokenBindings

if TYPE_CHECKING:
    from pipeline_tui.tui.app import PipelineApp
    from pipeline_tui.tui.services import Services

T = TypeVar("T")


class AppAccess:
    """Mixed into the screen bases below."""

    @property
    def pipeline(self) -> PipelineApp:
        return cast("PipelineApp", cast(Any, self).app)

    @property
    def services(self) -> Services:
        return self.pipeline.services

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR and event.worker.error is not None:
            self.pipeline.report_failure(event.worker.error)


class PipelineScreen(SpokenBindings, AppAccess, Screen[T]):
    pass


class PipelineModal(SpokenBindings, AppAccess, ModalScreen[T]):
    pass
