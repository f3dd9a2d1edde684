# JupyterHub configuration for `make classroom` (and `make classroom-check`): docs/classroom.md.
# Started by `python -m lowback.classroom serve`, which passes its settings as LOWBACK_* variables.
import os
import sys
from pathlib import Path

import nativeauthenticator

from lowback.classroom import (
    COURSE_DIR,
    FIRST_LESSON,
    USERNAME_PATTERN,
    learner_python,
    proxy_command,
)

c = get_config()  # noqa: F821  (JupyterHub defines it when it loads this file)
env = os.environ.get
state = Path(env("LOWBACK_HUB_STATE", "."))
check_users = [u for u in env("LOWBACK_CHECK_USERS", "").split(",") if u]

# Where: this computer only unless the instructor gives an address (then use HTTPS).
c.JupyterHub.ip = env("LOWBACK_HUB_IP", "127.0.0.1")
c.JupyterHub.port = int(env("LOWBACK_HUB_PORT", "8000"))
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = int(env("LOWBACK_HUB_API_PORT", "0")) or 8081
if env("LOWBACK_SSL_CERT"):
    c.JupyterHub.ssl_cert = env("LOWBACK_SSL_CERT")
    c.JupyterHub.ssl_key = env("LOWBACK_SSL_KEY")

# State: the database, cookie secret and proxy pid file stay in the (mode 0700) state folder.
c.JupyterHub.db_url = f"sqlite:///{state / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(state / "jupyterhub_cookie_secret")
c.JupyterHub.pid_file = str(state / "jupyterhub.pid")

# The real proxy, installed from classroom/package-lock.json; stopped with the hub.
c.ConfigurableHTTPProxy.command = [str(proxy_command())]
c.ConfigurableHTTPProxy.pid_file = str(state / "jupyterhub-proxy.pid")
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{env('LOWBACK_PROXY_API_PORT', '8001')}"
c.JupyterHub.cleanup_servers = True  # Ctrl+C stops every learner's server...
c.JupyterHub.cleanup_proxy = True  # ...and the proxy: nothing is left running

# Who: learners sign up, the instructor approves them (/hub/authorize); the admin page is
# /hub/admin. A learner cannot log in until approved.
if check_users:  # the load test only (make classroom-check): known test names, on loopback
    c.JupyterHub.authenticator_class = "dummy"
    c.Authenticator.allowed_users = set(check_users)
else:
    c.JupyterHub.authenticator_class = "native"
    c.JupyterHub.template_paths = [f"{os.path.dirname(nativeauthenticator.__file__)}/templates/"]
    c.Authenticator.allow_all = True  # NativeAuthenticator admits only approved sign-ups
    c.NativeAuthenticator.open_signup = False
    c.NativeAuthenticator.minimum_password_length = 10
    c.NativeAuthenticator.check_common_password = True
    c.NativeAuthenticator.allowed_failed_logins = 5
    c.NativeAuthenticator.seconds_before_next_try = 60
c.Authenticator.admin_users = {env("LOWBACK_ADMIN", "instructor")}
c.Authenticator.username_pattern = USERNAME_PATTERN
c.JupyterHub.admin_access = False  # the instructor manages servers, but cannot open them

# What: each learner's JupyterLab, as their own system account, opened at lesson 0.
c.JupyterHub.spawner_class = "lowback.classroom.ClassroomSpawner"
c.Spawner.cmd = [learner_python(), "-m", "lowback.classroom", "singleuser"]
c.Spawner.notebook_dir = "~"
c.Spawner.default_url = f"/lab/tree/{COURSE_DIR}/{FIRST_LESSON}"
c.Spawner.mem_limit = env("LOWBACK_MEM_LIMIT", "1G")
c.Spawner.cpu_limit = float(env("LOWBACK_CPU_LIMIT", "1"))
c.Spawner.start_timeout = 300  # a whole class arriving at once waits rather than fails
c.Spawner.http_timeout = 300  # from start to answering: minutes when a whole class starts at once
c.Spawner.args = [
    # a kernel idle 20 minutes is stopped (the server stays; the lesson reopens at once)
    "--MappingKernelManager.cull_idle_timeout=1200",
    "--MappingKernelManager.cull_interval=300",
]
if check_users:
    c.ClassroomSpawner.account_prefix = env("LOWBACK_ACCOUNT_PREFIX", "lbcheck-")
# learners' homes: /home/lb-NAME as root; without root (one shared account) in the state folder
c.ClassroomSpawner.home_root = env("LOWBACK_HOME_ROOT") or (
    "/home" if os.geteuid() == 0 else str(state / "homes")
)

# Idle servers are stopped by the maintained culler, run by the hub as a service.
services = [
    {
        "name": "idle-culler",
        "command": [
            sys.executable,
            "-m",
            "jupyterhub_idle_culler",
            f"--timeout={env('LOWBACK_CULL_TIMEOUT', '3600')}",
            "--cull-every=300",
        ],
    }
]
roles = [
    {
        "name": "idle-culler",
        "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
        "services": ["idle-culler"],
    }
]
if env("LOWBACK_CHECK_TOKEN"):  # the load test drives the hub and the learners' kernels
    services.append({"name": "loadtest", "api_token": env("LOWBACK_CHECK_TOKEN")})
    roles.append(
        {
            "name": "loadtest",
            "scopes": ["admin:users", "admin:servers", "access:servers", "list:users"],
            "services": ["loadtest"],
        }
    )
c.JupyterHub.services = services
c.JupyterHub.load_roles = roles
c.JupyterHub.log_level = env("LOWBACK_HUB_LOG_LEVEL", "INFO")
