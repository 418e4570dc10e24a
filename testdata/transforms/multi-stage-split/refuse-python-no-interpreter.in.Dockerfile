FROM mycorp/python-base:3
RUN apt-get update && apt-get install -y gcc
WORKDIR /app
COPY . .
RUN pip install -r requirements.txt
CMD ["python", "app.py"]
