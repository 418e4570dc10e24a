FROM gcr.io/distroless/python3-debian12
COPY app.py /app.py
USER 10001:10001
CMD ["/app.py"]
