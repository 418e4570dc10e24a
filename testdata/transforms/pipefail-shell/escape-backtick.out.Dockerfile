# escape=`
from debian:bookworm
    shell ["/bin/bash", "-o", "pipefail", "-c"]
    run curl -fsSL https://example.org/x `
    | sh
