"""tqdm on a management command's stderr, without the newline Django's OutputWrapper adds to each write."""

from tqdm import tqdm


class _Stream:
    def __init__(self, wrapper):
        self.wrapper = wrapper

    def write(self, text):
        self.wrapper.write(text, style_func=lambda s: s, ending="")

    def flush(self):
        self.wrapper.flush()


def progress(iterable=None, *, command, verbosity=1, **kwargs):
    return tqdm(iterable, file=_Stream(command.stderr), disable=verbosity == 0, dynamic_ncols=True, **kwargs)
