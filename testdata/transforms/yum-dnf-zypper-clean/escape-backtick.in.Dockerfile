# escape=`
FROM opensuse/leap
RUN zypper install `
        curl `
        git
