# escape=`
FROM debian
copy --chown=app run.sh /usr/bin/run.sh
run echo ok
