# escape=`
from debian
workdir /src
run make
