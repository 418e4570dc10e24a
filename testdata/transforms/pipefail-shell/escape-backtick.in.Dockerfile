# escape=`
from debian:bookworm
    run curl -fsSL https://example.org/x `
    | sh
