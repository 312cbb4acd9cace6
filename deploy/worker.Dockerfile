# The Dataflow GPU worker image for weakrl: the Beam Java 17 SDK image of our Beam version, plus the
# CUDA 12.8 build of libtorch 2.7.1 that DJL 0.35.1's PyTorch engine loads. DJL publishes no CUDA
# native jar for PyTorch 2.7.1 on Maven Central, so the image carries libtorch and points DJL at it
# (DJL reads PYTORCH_LIBRARY_PATH, PYTORCH_VERSION and PYTORCH_FLAVOR); the matching JNI library,
# jnilib/linux-x86_64/cu128/libdjl_torch.so, is already in the pytorch-jni jar the job stages.
# Not built or run here (no Docker, no network); see the README's "Dataflow" section.
#
#   docker build -f deploy/worker.Dockerfile -t REGION-docker.pkg.dev/PROJECT/REPO/weakrl-worker:cu128 .
#   docker push REGION-docker.pkg.dev/PROJECT/REPO/weakrl-worker:cu128
FROM apache/beam_java17_sdk:2.71.0

ARG LIBTORCH_URL=https://download.pytorch.org/libtorch/cu128/libtorch-cxx11-abi-shared-with-deps-2.7.1%2Bcu128.zip
RUN apt-get update && apt-get install -y --no-install-recommends curl unzip \
    && curl -fsSL "$LIBTORCH_URL" -o /tmp/libtorch.zip \
    && unzip -q /tmp/libtorch.zip -d /opt \
    && rm /tmp/libtorch.zip \
    && apt-get purge -y curl unzip && apt-get autoremove -y && rm -rf /var/lib/apt/lists/*

ENV PYTORCH_LIBRARY_PATH=/opt/libtorch/lib \
    PYTORCH_VERSION=2.7.1 \
    PYTORCH_FLAVOR=cu128
