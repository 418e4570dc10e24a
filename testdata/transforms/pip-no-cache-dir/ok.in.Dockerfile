FROM python:3.12
# OK: already without cache
RUN pip install --no-cache-dir flask
RUN pip --no-cache-dir install django
RUN pip install --no-cache requests
# OK: not pip install / wheel / download
RUN pip freeze > requirements.lock && pip uninstall -y six && pip list
RUN pipx install black && pipenv install && poetry install
# OK: set on the command or exported before it
RUN PIP_NO_CACHE_DIR=1 pip install numpy
RUN env PIP_NO_CACHE_DIR=off pip install pandas
RUN export PIP_NO_CACHE_DIR=1 && pip install scipy
# OK: the command picks its own cache
RUN pip install --cache-dir /tmp/pip-cache torch
# OK: the cache is on a cache mount
RUN --mount=type=cache,target=/root/.cache/pip pip install matplotlib
RUN --mount=type=cache,target=/root/.cache pip install seaborn
RUN --mount=type=cache,target=/home/app/.cache/pip,uid=1000 pip install bokeh
# OK: exec form and heredoc RUNs are left alone
RUN ["pip", "install", "flask"]
RUN <<EOF
pip install flask
EOF
# dfopt ignore=pip-no-cache-dir
RUN pip install ignored
# hadolint ignore=DL3042
RUN pip install ignored-too
