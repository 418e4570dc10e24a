FROM python:3.12
RUN apt-get update && apt-get install -y gcc
WORKDIR /app
COPY . .
RUN pip install -r requirements.txt && python setup.py install
CMD ["python", "app.py"]
