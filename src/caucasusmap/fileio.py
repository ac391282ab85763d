"""Writing the user's files: never half-written, never behind their back.

Every write the project makes goes through :func:`write_bytes_atomic` (exports,
backups, lists) or :func:`replace_checked` (the gazetteer, which someone may be
editing in another program at the same moment). Both

- write **through a symbolic link** to its target (the link stays a link);
- keep **hard links** together: a file with several names is rewritten in
  place, after its content is safely in a temporary file (and, for the
  gazetteer, in the backup), instead of being replaced by a new file that
  only one of the names would see;
- refuse a **read-only** file (mode without any write bit, e.g. 0444), saying
  so, instead of replacing it — root would be allowed to;
- refuse to write **inside the installed package** (the bundled sample data
  of a wheel install);
- keep the file's **permission bits**, also on a new backup (a 0600 file never
  gets a world-readable ``.bak``);
- remove **temporary files** that a killed writer left behind
  (``.NAME.<pid>.<random>.tmp`` of a process that is gone).

:func:`replace_checked` makes "check the file did not change, then replace
it" one step as far as Linux allows: the new content is swapped in with
``renameat2(RENAME_EXCHANGE)`` and the version it displaced is compared with
the one the edit was made on; if another program changed the file meanwhile,
the swap is undone at once, the other program's version stays, and
:class:`~caucasusmap.errors.ConflictError` is raised (should something have
written into our version in the instant it stood at the path, that version is
kept as ``NAME.conflict`` and the error says so). After a good swap the
displaced version becomes the backup, so a program that had the file open
across the swap writes into the backup rather than into a deleted file. Where
the exchange is not available, the file is re-checked immediately before a
plain rename.
"""

from __future__ import annotations

import ctypes
import errno
import hashlib
import os
import re
import secrets
import stat
import time
from pathlib import Path

from .errors import ConflictError, ReadOnlyError

__all__ = ["write_bytes_atomic", "replace_checked", "writable_target", "clean_stray_temporaries"]

_TMP = re.compile(r"^\.(?P<name>.+)\.(?P<pid>\d+)\.[0-9a-f]{8}\.tmp$")
_OLD_TMP = re.compile(r"^\.(?P<name>.+)\.[A-Za-z0-9_]{8}\.tmp$")  # mkstemp names of earlier versions


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def writable_target(path: str | Path) -> Path:
    """The file a write to ``path`` must change: a symbolic link's final
    target (``path`` itself otherwise). Raises
    :class:`~caucasusmap.errors.ReadOnlyError` when that file is read-only or
    part of the installed package."""
    from .paths import is_installed_data  # paths imports errors only; no cycle at import time

    path = Path(path)
    target = Path(os.path.realpath(path)) if path.is_symlink() else path
    if is_installed_data(target):
        raise ReadOnlyError(
            f"{path} is part of the installed caucasusmap package (its sample data); copy it somewhere of "
            "your own and use that (e.g. --gazetteer ~/my-gazetteer)")
    try:
        st = target.stat()
    except FileNotFoundError:
        return target
    if not stat.S_ISREG(st.st_mode):
        raise ReadOnlyError(f"{path} is not a regular file; refusing to replace it")
    if not st.st_mode & 0o222 or not os.access(target, os.W_OK):
        raise ReadOnlyError(
            f"{path} is read-only (mode {stat.S_IMODE(st.st_mode):04o}); it was left as it is — make it "
            "writable (chmod u+w) if it should be edited")
    return target


def _tmp_name(target: Path) -> Path:
    return target.with_name(f".{target.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def clean_stray_temporaries(target: str | Path, *, older_than: float = 60.0) -> list[Path]:
    """Remove temporary files of ``target`` left by a writer that was killed:
    ours name their process (removed once it is gone); older ones without a
    process id are removed after ``older_than`` seconds. Returns what was
    removed."""
    target = Path(target)
    removed = []
    try:
        entries = list(os.scandir(target.parent if str(target.parent) else "."))
    except OSError:
        return removed
    now = time.time()
    for entry in entries:
        m = _TMP.match(entry.name)
        if m and m["name"] == target.name:
            stale = not _alive(int(m["pid"]))
        else:
            m = _OLD_TMP.match(entry.name)
            if not (m and m["name"] == target.name):
                continue
            try:
                stale = now - entry.stat(follow_symlinks=False).st_mtime > older_than
            except OSError:
                continue
        if stale:
            try:
                os.unlink(entry.path)
                removed.append(Path(entry.path))
            except OSError:
                pass
    return removed


def _write_tmp(target: Path, data: bytes, mode: int, durable: bool = True) -> Path:
    tmp = _tmp_name(target)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fchmod(f.fileno(), mode)
            if durable:
                os.fsync(f.fileno())
    except BaseException:
        _unlink(tmp)
        raise
    return tmp


def _unlink(path: Path) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass


def _mode_of(target: Path, default: int) -> int:
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        return default


def _overwrite_in_place(target: Path, data: bytes) -> None:
    """Rewrite a hard-linked file's content in its own inode (every name sees it)."""
    fd = os.open(target, os.O_WRONLY)
    try:
        os.ftruncate(fd, 0)
        view = memoryview(data)
        while view:
            n = os.write(fd, view)
            view = view[n:]
        os.fsync(fd)
    finally:
        os.close(fd)


def write_bytes_atomic(path: str | Path, data: bytes, *, mode: int | None = None, durable: bool = True) -> Path:
    """Write ``data`` to ``path`` so that a failure never leaves a half-written
    file: through a temporary file in the same folder and a rename (see the
    module docstring for links, read-only files and modes). ``mode`` sets the
    permission bits of a new file (default: the existing file's, else 0644).
    ``durable=False`` skips the fsync (still atomic) for files whose loss in a
    power cut costs nothing (undo history). Returns the path written (a
    symbolic link's target)."""
    target = writable_target(path)
    clean_stray_temporaries(target)
    mode = _mode_of(target, 0o644) if mode is None else mode
    try:
        linked = target.stat().st_nlink > 1
    except FileNotFoundError:
        linked = False
    tmp = _write_tmp(target, data, mode) if durable else _write_tmp(target, data, mode, False)
    try:
        if linked:
            _overwrite_in_place(target, data)
            _unlink(tmp)
        else:
            os.replace(tmp, target)
    except BaseException:
        _unlink(tmp)
        raise
    return target


# -- check-and-replace ----------------------------------------------------------

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100
try:
    _renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
except (OSError, AttributeError):  # not glibc >= 2.28 / not Linux
    _renameat2 = None


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap the files at ``a`` and ``b``; False when the system or
    file system cannot."""
    if _renameat2 is None:
        return False
    if _renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.EXDEV, errno.ENOTSUP):
        return False
    raise OSError(err, os.strerror(err), str(b))


def _keep_aside(tmp: Path, target: Path) -> Path:
    """Give ``tmp`` a lasting name beside ``target`` (``NAME.conflict``,
    ``NAME.conflict-2`` …, never over an existing file)."""
    n = 1
    while True:
        kept = target.with_name(f"{target.name}.conflict" + (f"-{n}" if n > 1 else ""))
        try:
            os.link(tmp, kept)
            return kept
        except FileExistsError:
            n += 1
        except OSError:  # no hard links here: move it (the name was free a moment ago)
            if not os.path.lexists(kept):
                os.rename(tmp, kept)
                return kept
            n += 1


def _changed(path: Path, expected: str) -> str:
    return f"{path} changed on disk since it was read (an edit in another program?); the other version was kept"


def replace_checked(path: str | Path, data: bytes, *, expected: str, backup: str | Path | None = None,
                    backup_expected: str | None = None) -> bytes:
    """Replace the file at ``path`` by ``data`` only if its content still has
    the SHA-256 ``expected`` (what the edit was made on); keep the replaced
    version as ``backup`` (same permission bits). Returns the replaced bytes.
    Raises :class:`~caucasusmap.errors.ConflictError`, changing nothing, when
    the file changed — also when the change lands during the replacement.

    ``backup_expected``: the SHA-256 the backup should still have (what the
    previous write put there). A backup that changed since is the previous
    version written to by a program that had it open across that write's
    swap: it is kept as ``NAME.conflict`` and ConflictError says so, instead
    of being replaced by the new backup. (A refusal after the backup was
    written sets ``backup_digest`` on the ConflictError: what the backup
    holds from then on.)"""
    path = Path(path)
    target = writable_target(path)
    clean_stray_temporaries(target)
    try:
        before = target.read_bytes()
        st = target.stat()
    except FileNotFoundError:
        raise ConflictError(f"{path} was removed since it was read; nothing was written") from None
    except OSError as exc:
        raise ConflictError(f"{path} cannot be read any more: {exc.strerror or exc}") from None
    if _digest(before) != expected:
        raise ConflictError(_changed(path, expected))
    mode = stat.S_IMODE(st.st_mode)
    bak = None
    if backup is not None:
        bak = writable_target(backup)
        if backup_expected is not None:
            try:
                late = _digest(bak.read_bytes()) != backup_expected
            except FileNotFoundError:
                late = False
            if late:
                kept = _keep_aside(bak, target)
                _unlink(bak)
                raise ConflictError(f"{path}: a program wrote to its previous version after it was replaced "
                                    f"(it had the file open); that version is kept in {kept} — compare it with "
                                    f"{path.name}; nothing was written")
        write_bytes_atomic(bak, before, mode=mode)
        os.chmod(bak, mode)  # an existing .bak made with other bits takes the file's
    tmp = _write_tmp(target, data, mode)
    try:
        if st.st_nlink > 1:
            # Several names for one file: it must change in place. Re-check
            # right before; the backup already holds the previous version.
            if _digest(target.read_bytes()) != expected:
                raise ConflictError(_changed(path, expected))
            _overwrite_in_place(target, data)
            return before
        if _exchange(tmp, target):
            # ``tmp`` now names the version that was at ``path`` a moment ago.
            displaced = tmp.read_bytes()
            if _digest(displaced) != expected:
                _exchange(tmp, target)  # give the other program's version back
                if tmp.read_bytes() != data:  # and ours was written to while it stood at ``path``: keep it
                    kept = _keep_aside(tmp, target)
                    raise ConflictError(_changed(path, expected) + f"; what was written to the file during "
                                        f"the swap is kept in {kept}")
                raise ConflictError(_changed(path, expected))
            if bak is not None:
                # The displaced file becomes the backup (it holds what the
                # backup does): a program that opened the file just before the
                # swap and writes just after it writes into the backup, not
                # into a file about to be deleted.
                try:
                    if os.stat(bak).st_nlink == 1:
                        os.replace(tmp, bak)
                except OSError:
                    pass
            return before
        if _digest(target.read_bytes()) != expected:  # no exchange: re-check just before the rename
            raise ConflictError(_changed(path, expected))
        os.replace(tmp, target)
        return before
    except ConflictError as exc:
        if bak is not None:  # refused after the backup was written: say what it holds now
            exc.backup_digest = expected
        raise
    finally:
        _unlink(tmp)
