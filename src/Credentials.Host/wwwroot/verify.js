// The verify page's camera scan: the only part of the page that needs JavaScript (paste and upload work without it).
// Frames from the camera are read for a QR code in the page itself with jsQR (from npm, served by this host); the
// text found is put in the form and the form is sent, as if it had been pasted. Nothing leaves the page otherwise.
"use strict";

(function () {
  const form = document.getElementById("verify-form");
  const camera = document.getElementById("camera");
  if (!form || !camera || !navigator.mediaDevices || !navigator.mediaDevices.getUserMedia || typeof window.jsQR !== "function") {
    return;
  }

  const button = document.getElementById("camera-start");
  const video = document.getElementById("camera-video");
  const status = document.getElementById("camera-status");
  const text = document.getElementById("qr");
  const file = document.getElementById("file");
  const canvas = document.createElement("canvas");
  const context = canvas.getContext("2d", { willReadFrequently: true });
  const maxWidth = 960;
  let stream = null;
  let timer = 0;

  camera.hidden = false;

  function say(key) {
    status.textContent = status.dataset[key] || "";
  }

  function stop() {
    window.clearTimeout(timer);
    if (stream) {
      stream.getTracks().forEach(function (track) { track.stop(); });
      stream = null;
    }

    video.srcObject = null;
    video.hidden = true;
    button.textContent = button.dataset.start;
  }

  function scan() {
    if (!stream) {
      return;
    }

    if (video.readyState >= 2 && video.videoWidth > 0) {
      const scale = Math.min(1, maxWidth / video.videoWidth);
      canvas.width = Math.round(video.videoWidth * scale);
      canvas.height = Math.round(video.videoHeight * scale);
      context.drawImage(video, 0, 0, canvas.width, canvas.height);
      const frame = context.getImageData(0, 0, canvas.width, canvas.height);
      const code = window.jsQR(frame.data, frame.width, frame.height, { inversionAttempts: "attemptBoth" });
      if (code && code.data) {
        stop();
        say("found");
        text.value = code.data;
        file.value = "";
        form.submit();
        return;
      }
    }

    timer = window.setTimeout(scan, 150);
  }

  button.addEventListener("click", function () {
    if (stream) {
      stop();
      status.textContent = "";
      return;
    }

    say("starting");
    navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false }).then(function (media) {
      stream = media;
      video.srcObject = media;
      video.hidden = false;
      button.textContent = button.dataset.stop;
      return video.play();
    }).then(function () {
      say("looking");
      scan();
    }).catch(function () {
      stop();
      say("unavailable");
    });
  });
})();
