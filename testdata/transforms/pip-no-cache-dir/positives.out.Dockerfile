FROM python:3.12
RUN pip install --no-cache-dir -r requirements.txt
RUN pip3 install --no-cache-dir --upgrade pip setuptools
RUN pip3.11 install --no-cache-dir flask
RUN python -m pip install --no-cache-dir requests
RUN python3 -m pip install --no-cache-dir --user numpy
RUN /opt/venv/bin/pip install --no-cache-dir -e .
RUN sudo -H pip install --no-cache-dir awscli
RUN env FOO=1 pip install --no-cache-dir boto3
RUN pip --disable-pip-version-check install --no-cache-dir --proxy http://proxy:3128 six
RUN pip wheel --no-cache-dir --wheel-dir /wheels -r requirements.txt
RUN pip download --no-cache-dir -d /pkgs django
RUN python3 -m venv /venv && /venv/bin/pip install --no-cache-dir gunicorn
RUN PIP_INDEX_URL=https://example.org/simple pip install --no-cache-dir private
ONBUILD RUN pip install --no-cache-dir -r requirements.txt
RUN --mount=type=cache,target=/root/.cache/uv pip install --no-cache-dir uv-thing
