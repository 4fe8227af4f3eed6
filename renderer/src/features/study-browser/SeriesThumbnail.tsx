import { useEffect, useRef, useState } from 'react';
import { errorMessage } from '../../api/api-error';
import { renderThumbnail, THUMBNAIL_SIZE } from '../../services/thumbnails';

type ThumbnailState = { status: 'loading' } | { status: 'rendered' } | { status: 'error'; reason: string };

/** A series' thumbnail, rendered by Cornerstone outside React and copied into this canvas. */
export function SeriesThumbnail({ instanceId, label }: { instanceId: number | null; label: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [state, setState] = useState<ThumbnailState>(
    instanceId === null ? { status: 'error', reason: 'No instance of this series holds an image' } : { status: 'loading' },
  );
  useEffect(() => {
    if (instanceId === null) return;
    let live = true;
    setState({ status: 'loading' });
    renderThumbnail(instanceId).then(
      (bitmap) => {
        const context = canvas.current?.getContext('2d');
        if (!live || !context) return;
        context.clearRect(0, 0, THUMBNAIL_SIZE, THUMBNAIL_SIZE);
        context.drawImage(bitmap, 0, 0, THUMBNAIL_SIZE, THUMBNAIL_SIZE);
        setState({ status: 'rendered' });
      },
      (error: unknown) => live && setState({ status: 'error', reason: errorMessage(error) }),
    );
    return () => {
      live = false;
    };
  }, [instanceId]);
  const reason = state.status === 'error' ? state.reason : undefined;
  return (
    <div
      className={`thumbnail thumbnail-${state.status}`}
      data-testid="series-thumbnail"
      data-thumbnail-status={state.status}
      title={reason ? `Thumbnail not shown: ${reason}` : label}
    >
      <canvas ref={canvas} width={THUMBNAIL_SIZE} height={THUMBNAIL_SIZE} aria-label={label} role="img" />
      {state.status === 'loading' && <span className="thumbnail-overlay spinner" aria-label="Loading" />}
      {reason && <span className="thumbnail-overlay thumbnail-reason">⚠ {reason}</span>}
    </div>
  );
}
