FROM python:3.12
RUN apt-get update && apt-get install -y gcc libpq-dev
WORKDIR /app
COPY . .
RUN pip install -r requirements.txt
RUN python manage.py collectstatic --noinput
CMD ["gunicorn", "site.wsgi"]
