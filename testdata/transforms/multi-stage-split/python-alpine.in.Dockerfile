FROM python:3.11-alpine
RUN apk add --no-cache gcc musl-dev postgresql-dev
WORKDIR /code
COPY . .
RUN pip install -r requirements.txt
CMD ["python", "run.py"]
