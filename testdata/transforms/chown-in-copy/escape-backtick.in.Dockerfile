# escape=`
FROM debian
copy run.sh /usr/bin/run.sh
run chown app /usr/bin/run.sh && `
    echo ok
