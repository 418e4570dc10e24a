FROM opensuse/leap:15.6
RUN zypper -n install python3 && zypper clean
CMD ["python3", "-m", "http.server", "8080"]
