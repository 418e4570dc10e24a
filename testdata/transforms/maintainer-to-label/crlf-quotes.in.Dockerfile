FROM debian
maintainer "quoted" $HOME
