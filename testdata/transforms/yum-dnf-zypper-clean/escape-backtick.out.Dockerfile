# escape=`
FROM opensuse/leap
RUN zypper install -y `
        curl `
        git && `
        zypper clean --all
