import { useTranslation } from 'react-i18next';
import type { Channel } from '../../../../protocol';
import email from './icons/email.svg';
import form from './icons/form.svg';
import phone from './icons/phone.svg';
import qq from './icons/qq.svg';
import webchat from './icons/webchat.svg';
import wecom from './icons/wecom.svg';

// Icons are files (bundled as assets or data: URLs, both allowed by the CSP's img-src), never inline markup.
const ICONS: Record<Channel, string> = { webchat, wecom, qq, email, phone, form };

/** A channel's icon with its name beside it; the name is the accessible text. */
export function ChannelIcon({ channel }: { channel: Channel }) {
  const { t } = useTranslation();
  return (
    <span className={`channel channel-${channel}`} data-channel={channel}>
      <img className="channel-icon" src={ICONS[channel]} alt="" width={14} height={14} />
      {t(`channel.${channel}`)}
    </span>
  );
}
