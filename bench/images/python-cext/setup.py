from setuptools import Extension, setup

setup(
    name="wordfreq",
    version="1.0",
    package_dir={"": "src"},
    packages=["wordfreq"],
    ext_modules=[Extension("wordfreq._count", ["src/wordfreq/_count.c"])],
)
