FROM python:3.12
RUN pip install -r requirements.txt
RUN pip3 install --upgrade pip setuptools
RUN pip3.11 install flask
RUN python -m pip install requests
RUN python3 -m pip install --user numpy
RUN /opt/venv/bin/pip install -e .
RUN sudo -H pip install awscli
RUN env FOO=1 pip install boto3
RUN pip --disable-pip-version-check install --proxy http://proxy:3128 six
RUN pip wheel --wheel-dir /wheels -r requirements.txt
RUN pip download -d /pkgs django
RUN python3 -m venv /venv && /venv/bin/pip install gunicorn
RUN PIP_INDEX_URL=https://example.org/simple pip install private
ONBUILD RUN pip install -r requirements.txt
RUN --mount=type=cache,target=/root/.cache/uv pip install uv-thing
