FROM python:3.12-slim
ARG APP_UID=1000
USER $APP_UID
CMD ["python"]
