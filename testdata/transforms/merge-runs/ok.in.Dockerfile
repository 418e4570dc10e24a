FROM debian
# OK: separated by another instruction
RUN echo a
ENV X=1
RUN echo b
# OK: different flags
RUN --network=none echo c
RUN echo d
# OK: exec form, heredoc, trailing comment
RUN ["echo", "e"]
RUN echo f # keep me
RUN echo g
RUN <<EOF
echo h
EOF
RUN echo i
SHELL ["powershell", "-Command"]
RUN Write-Host a
RUN Write-Host b
