"""Starting without a usable display gives a clear message, not a Qt abort."""

from caucasusmap.app.launch import environment_problem, prepare_environment


def test_no_display_is_explained():
    msg = environment_problem({}, "linux", lambda lib: "found")
    assert "no display" in msg and "caucasusmap --help" in msg


def test_missing_xcb_libraries_are_named_with_the_install_command():
    msg = environment_problem({"DISPLAY": ":0"}, "linux", lambda lib: None if lib == "xcb-cursor" else "ok")
    assert "libxcb-cursor0" in msg and "sudo apt-get install libxcb-cursor0" in msg


def test_usable_environments_pass():
    assert environment_problem({"DISPLAY": ":0"}, "linux", lambda lib: "ok") is None
    assert environment_problem({"QT_QPA_PLATFORM": "offscreen"}, "linux", lambda lib: None) is None
    assert environment_problem({}, "darwin", lambda lib: None) is None


def test_sandbox_flag_only_as_root(monkeypatch):
    env = {"QTWEBENGINE_CHROMIUM_FLAGS": "--foo"}
    monkeypatch.setattr("os.geteuid", lambda: 0)
    prepare_environment(env, verbose=True)
    assert env["QTWEBENGINE_CHROMIUM_FLAGS"] == "--foo --no-sandbox"
    prepare_environment(env, verbose=True)
    assert env["QTWEBENGINE_CHROMIUM_FLAGS"].count("--no-sandbox") == 1
    user = {}
    monkeypatch.setattr("os.geteuid", lambda: 1000)
    prepare_environment(user, verbose=True)
    assert "QTWEBENGINE_CHROMIUM_FLAGS" not in user


def test_chromium_noise_stays_out_of_the_terminal_unless_verbose(monkeypatch):
    from caucasusmap.app.launch import QUIET_CHROMIUM

    monkeypatch.setattr("os.geteuid", lambda: 1000)
    quiet = {}
    prepare_environment(quiet)
    assert quiet["QTWEBENGINE_CHROMIUM_FLAGS"].split() == list(QUIET_CHROMIUM)
    prepare_environment(quiet)  # idempotent
    assert quiet["QTWEBENGINE_CHROMIUM_FLAGS"].split() == list(QUIET_CHROMIUM)


def test_qt_messages_go_to_the_log(caplog):
    import logging

    from PySide6.QtCore import qInstallMessageHandler, qWarning

    from caucasusmap.app.launch import quiet_qt_messages

    quiet_qt_messages(verbose=False)
    try:
        with caplog.at_level(logging.DEBUG, logger="caucasusmap.qt"):
            qWarning("QRhiGles2: Failed to create temporary context")
        record = next(r for r in caplog.records if r.name == "caucasusmap.qt")
        assert record.levelno == logging.DEBUG and "QRhiGles2" in record.getMessage()
    finally:
        qInstallMessageHandler(None)


def test_cli_without_display_exits_cleanly(monkeypatch, capsys):
    from caucasusmap.cli import main

    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    assert main([]) == 2
    assert "no display" in capsys.readouterr().err
