# escape=`
from debian
run cd /src && `
    make
