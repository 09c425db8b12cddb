"""Progress bars for long management commands (demo data, reviews, index rebuilds)."""

from tqdm import tqdm


class _CommandStream:
    """Lets tqdm draw on a command's stderr: no added newline per write, no error colouring."""

    def __init__(self, wrapper):
        self.wrapper = wrapper

    def write(self, text):
        self.wrapper.write(text, style_func=lambda s: s, ending="")

    def flush(self):
        self.wrapper.flush()


def command_progress(iterable=None, *, command, verbosity=1, **kwargs):
    """A tqdm bar on `command`'s stderr, silent at verbosity 0."""
    return tqdm(iterable, file=_CommandStream(command.stderr), disable=verbosity == 0, dynamic_ncols=True, **kwargs)
