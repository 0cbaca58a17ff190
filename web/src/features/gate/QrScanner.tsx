import { Alert, Button, Modal } from 'antd';
import jsQR from 'jsqr';
import { useEffect, useRef, useState } from 'react';
import { useGateText } from './strings';

/**
 * Reads a QR code with the phone's back camera (getUserMedia + jsQR on canvas frames). Everything
 * stays in the browser; without a camera (or permission) the guard types the code instead.
 */
export function QrScanner({ open, onResult, onClose }: { open: boolean; onResult(text: string): void; onClose(): void }) {
  const { g } = useGateText();
  const video = useRef<HTMLVideoElement>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    if (!open) return;
    let stream: MediaStream | null = null;
    let frame = 0;
    let stopped = false;
    const canvas = document.createElement('canvas');
    const context = canvas.getContext('2d', { willReadFrequently: true });
    const tick = () => {
      if (stopped) return;
      const v = video.current;
      if (v && v.readyState >= 2 && context) {
        canvas.width = v.videoWidth;
        canvas.height = v.videoHeight;
        context.drawImage(v, 0, 0);
        const image = context.getImageData(0, 0, canvas.width, canvas.height);
        const code = jsQR(image.data, image.width, image.height, { inversionAttempts: 'dontInvert' });
        if (code?.data) {
          onResult(code.data);
          return;
        }
      }
      frame = requestAnimationFrame(tick);
    };
    setProblem(null);
    if (!navigator.mediaDevices?.getUserMedia) setProblem(g.noCamera);
    else {
      navigator.mediaDevices
        .getUserMedia({ video: { facingMode: 'environment' }, audio: false })
        .then((s) => {
          stream = s;
          if (stopped) {
            for (const t of s.getTracks()) t.stop();
            return;
          }
          if (video.current) {
            video.current.srcObject = s;
            void video.current.play();
          }
          frame = requestAnimationFrame(tick);
        })
        .catch(() => setProblem(g.noCamera));
    }
    return () => {
      stopped = true;
      cancelAnimationFrame(frame);
      for (const t of stream?.getTracks() ?? []) t.stop();
    };
  }, [open, onResult, g.noCamera]);

  return (
    <Modal open={open} onCancel={onClose} footer={<Button onClick={onClose}>{g.cancel}</Button>} title={g.scanHint} destroyOnHidden width={420}>
      {problem ? (
        <Alert type="warning" showIcon title={problem} data-testid="scanner-no-camera" />
      ) : (
        <video ref={video} playsInline muted style={{ width: '100%', borderRadius: 8, background: '#000' }} data-testid="scanner-video" />
      )}
    </Modal>
  );
}
