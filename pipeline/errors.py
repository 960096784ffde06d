"""User-facing errors: the CLI prints them on one line, without a traceback."""


class InputError(Exception):
    """A problem with a user's input file, message names the path (and line where known)."""

    def __init__(self, path: object, reason: str, line: int | None = None) -> None:
        where = f"{path}:{line}" if line is not None else f"{path}"
        super().__init__(f"{where}: {reason}")
        self.path = str(path)
        self.reason = reason
        self.line = line
