FROM debian:bookworm
# OK: UIDs that keep lastlog and faillog small
RUN useradd -u 65535 app
RUN useradd -u 1000 app && useradd -u 00065535 app2
RUN useradd app
RUN groupadd -g 100000 app
# OK: already without log entries
RUN useradd -l -u 100000 app
RUN useradd --no-log-init -u 100000 app
RUN useradd -mlu 100000 app
# OK: UID not known
RUN useradd -u $APP_UID app
RUN useradd -u "${APP_UID:-100000}" app
# OK: not useradd
RUN adduser --uid 100000 app
# OK: exec form and heredoc RUNs are left alone
RUN ["useradd", "-u", "100000", "app"]
RUN <<EOT
useradd -u 100000 app
EOT
# dfopt ignore=useradd-no-log-init
RUN useradd -u 100000 ignored
# hadolint ignore=DL3046
RUN useradd -u 100000 ignored-too
